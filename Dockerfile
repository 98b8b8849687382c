# syntax=docker/dockerfile:1
# One image for the suite, `thanos` as entrypoint like Thanos' own image:
#   docker build -t thanos-jvm .
#   docker run --rm thanos-jvm --help
#   docker run --rm -p 10902:10902 thanos-jvm query --endpoint=store:10901
# Stage 1 builds the distribution the thanos-deploy module assembles (bin/thanos + lib/<component>.jar; the
# DistributionIT test starts exactly that layout); stage 2 copies it onto a JRE, as a non-root user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package -pl thanos-deploy -am

FROM eclipse-temurin:17-jre AS runtime
ARG UID=1001
RUN groupadd --system --gid ${UID} thanos \
 && useradd --system --uid ${UID} --gid thanos --home-dir /var/thanos --shell /usr/sbin/nologin thanos \
 && mkdir -p /var/thanos \
 && chown thanos:thanos /var/thanos
COPY --from=build /src/thanos-deploy/target/thanos-dist /opt/thanos
# Heap from the container's memory limit; add flags with JAVA_TOOL_OPTIONS or THANOS_JAVA_OPTS.
ENV PATH=/opt/thanos/bin:$PATH \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER ${UID}:${UID}
WORKDIR /var/thanos
# HTTP (UI, API, /metrics, probes), gRPC (StoreAPI), receive's remote write
EXPOSE 10902 10901 19291
ENTRYPOINT ["/opt/thanos/bin/thanos"]
CMD ["--help"]
