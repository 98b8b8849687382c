package io.thanosjvm.store.cache;

/** The kinds of index cache items, with the {@code item_type} label and {@code enabled_items} name Thanos uses. */
public enum ItemType {
  /** A postings list of one label name/value pair. */
  POSTINGS("Postings"),
  /** A series entry (labels and chunk metas) of one series ref. */
  SERIES("Series"),
  /** The expanded postings of a set of matchers (accepted in {@code enabled_items}; not cached here yet). */
  EXPANDED_POSTINGS("ExpandedPostings");

  private final String label;

  ItemType(String label) {
    this.label = label;
  }

  /** Returns Thanos' name of the type: the {@code item_type} label value. */
  public String label() {
    return label;
  }

  /** Returns the type named {@code label} exactly as Thanos spells it, or null. */
  public static ItemType byLabel(String label) {
    for (ItemType t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    return null;
  }
}
