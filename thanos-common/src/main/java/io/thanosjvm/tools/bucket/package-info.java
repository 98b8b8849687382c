/**
 * {@code tools bucket} commands over an object storage bucket given by {@code --objstore.config-file} or
 * {@code --objstore.config}: {@code ls}, {@code inspect}, {@code upload-blocks} and {@code mark}.
 */
package io.thanosjvm.tools.bucket;
