# Media Library in server mode: web app + job workers. The disc monitor runs natively on the
# machine with the drive (`media-library monitor install`, see docs/DEPLOY.md), talking to this
# container over HTTP. Used by docker-compose.yml; build with `docker compose build`.
#
# Stage 1 builds the browser app with Node; stage 2 is the runtime, without Node: the package is
# pip-installed with the built app inside it (package data), and runs as an unprivileged user
# whose UID/GID are set by PUID/PGID (compose passes them as build args and as `user:`).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM node:20-bookworm-slim AS app
WORKDIR /build
COPY frontend/package.json frontend/package-lock.json ./frontend/
RUN npm --prefix frontend ci --no-audit --no-fund
COPY frontend ./frontend
RUN mkdir -p src/media_library/web/static && npm --prefix frontend run build

FROM ${PYTHON_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG SOURCE_URL=""
ARG REVISION=""
ARG PUID=1000
ARG PGID=1000
LABEL org.opencontainers.image.title="Media Library" \
      org.opencontainers.image.description="One self-hosted daemon that turns every way media enters a home into one tidy library." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.source="${SOURCE_URL}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="MIT"

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ffmpeg handbrake-cli mediainfo libmediainfo0v5 libchromaprint-tools flac poppler-utils tzdata \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md main.py config.json ./
COPY src ./src
COPY --from=app /build/src/media_library/web/static/app ./src/media_library/web/static/app
RUN pip install --no-cache-dir . && rm -rf /app/src /app/build

RUN groupadd --gid "${PGID}" media \
 && useradd --uid "${PUID}" --gid "${PGID}" --no-create-home --home-dir /data media \
 && mkdir -p /data /media && chown "${PUID}:${PGID}" /data /media

ENV ML_PATHS__DATA_DIR=/data \
    ML_PATHS__MEDIA_DIR=/media \
    ML_SERVER__HOST=0.0.0.0 \
    ML_SERVER__PORT=8420 \
    HOME=/data \
    PYTHONUNBUFFERED=1
VOLUME ["/data", "/media"]
EXPOSE 8420
USER ${PUID}:${PGID}
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8420/api/health', timeout=4)"]
ENTRYPOINT ["media-library", "serve", "--mode", "server"]
