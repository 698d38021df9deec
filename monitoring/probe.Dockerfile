# syntax=docker/dockerfile:1
# Adds a statically linked busybox to an image that has no shell (Loki and Promtail 3.x are
# distroless), so that Compose can run `busybox wget` as the healthcheck. Nothing else changes:
# same entrypoint, same user.
ARG BUSYBOX_IMAGE=busybox:1.37-musl
ARG BASE_IMAGE
FROM ${BUSYBOX_IMAGE} AS busybox
FROM ${BASE_IMAGE}
COPY --from=busybox /bin/busybox /usr/local/bin/busybox
