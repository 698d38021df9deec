# syntax=docker/dockerfile:1
# The mailer image: one image, started twice by compose.yml (praxis-mailer, ecom-mailer) with
# different MP_CONFIG_PROFILE and databases. Built the Open Liberty way: a kernel-slim base,
# features.sh installs only the features server.xml names, configure.sh finishes the server.
#
#   docker build -t docker-agents/mailer .
#
# The first stage builds the WAR so a clone needs nothing but Docker; the build runs no tests
# (that is CI's job) and fetches only from Maven Central.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG LIBERTY_IMAGE=icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java21-openj9-ubi-minimal

FROM ${MAVEN_IMAGE} AS build
WORKDIR /build
COPY pom.xml ./
COPY src ./src
# `compile war:war`, not `package`: package also prepares the tests' Liberty server (a 350 MB
# runtime download) and resolves every test dependency, none of which goes into the image.
# The PostgreSQL driver is a "provided" dependency: the server loads it from the shared
# resources directory (server.xml: ${shared.resource.dir}/postgresql.jar), not from the WAR.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q compile war:war \
 && mvn -B -q dependency:copy -Dmdep.stripVersion=true -DoutputDirectory=target/jdbc \
        -Dartifact="org.postgresql:postgresql:$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' pom.xml)" \
 && cp target/jdbc/postgresql.jar target/postgresql.jar

FROM ${LIBERTY_IMAGE}
ARG VERBOSE=false
# The writable class-cache layer would live in the server output directory, which compose
# mounts as tmpfs (read-only root file system), so building it would only waste image space.
# The JDK's own read-only shared class cache in /opt/java/.scc is still used.
ENV OPENJ9_SCC=false
# jvm.options is shared with the native HotSpot runs; OpenJ9 ignores its HotSpot-only -XX flags
# (the base image's OPENJ9_JAVA_OPTIONS holds -XX:+IgnoreUnrecognizedVMOptions) and takes these
# equivalents instead: container-aware tuning and one JIT thread (HotSpot: CICompilerCount=1).
# OpenJ9 cannot cap its code cache below the default (-Xcodecachetotal ignores smaller values;
# the cache is committed as it fills) and has no metaspace. docs/jvm-tuning.md has the table.
ENV OPENJ9_JAVA_OPTIONS="${OPENJ9_JAVA_OPTIONS} -Xtune:virtualized -XcompilationThreads1"
# At most two glibc malloc arenas (the default allows eight per core, one per thread that allocates
# natively), as src/main/liberty/config/server.env gives the build's server: 8-12 MB less resident
# there, no slower start or ingest (HotSpot 17, docs/benchmarks.md; OpenJ9 not measured here).
ENV MALLOC_ARENA_MAX=2

COPY --chown=1001:0 src/main/liberty/config/server.xml src/main/liberty/config/jvm.options \
     src/main/liberty/config/lan-on.xml /config/
# Installs exactly the features listed in server.xml.
RUN features.sh

COPY --chown=1001:0 --from=build /build/target/postgresql.jar /opt/ol/wlp/usr/shared/resources/postgresql.jar
COPY --chown=1001:0 --from=build /build/target/mailer.war /config/apps/mailer.war

# The mailer serves plain HTTP on internal networks; a TLS listener exists only with LAN access on
# (lan-on.xml: its keystore on the /data volume, its password a secret). Outbound TLS (IMAP, SMTP)
# trusts the JDK's certificate authorities. The image's start script writes a keystore with a
# generated password into configDropins/defaults unless a keystore.xml exists there: this empty
# one keeps any password out of the image and lets the root file system stay read-only.
RUN printf '%s\n' '<server description="no keystore: this server has no TLS listener"/>' \
        > /config/configDropins/defaults/keystore.xml \
 && TLS=false configure.sh

# Attachments and quarantine live on a named volume at /data; a fresh volume takes over this
# directory's owner, so the mailer (uid 1001) can write there without root.
USER root
RUN mkdir -p /data/attachments /data/quarantine \
 && chown -R 1001:0 /data \
 && chmod -R g+rwX /data
USER 1001
EXPOSE 9080 9443
# The same check compose.yml uses: MicroProfile Health's file-based readiness (server.xml
# <mpHealth checkInterval>) refreshes /output/health/ready while every readiness check is UP.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["/opt/ol/helpers/runtime/readinessHealthCheck.sh", "-p", "30"]
