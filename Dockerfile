# Media Library in server mode: web app + job workers. The disc monitor runs natively on the
# machine with the drive (`main.py --mode monitor`), talking to this container over HTTP.
FROM python:3.11-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ffmpeg handbrake-cli mediainfo libmediainfo0v5 libchromaprint-tools flac nodejs npm curl \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 media \
 && mkdir -p /data /media && chown media:media /data /media
WORKDIR /app
COPY pyproject.toml README.md main.py config.json ./
COPY src ./src
COPY frontend ./frontend
COPY scripts/build_frontend.sh ./scripts/build_frontend.sh
RUN pip install --no-cache-dir . \
 && bash scripts/build_frontend.sh --force \
 && cp -r src/media_library/web/static /usr/local/lib/python3.11/site-packages/media_library/web/ \
 && rm -rf frontend/node_modules \
 && apt-get purge -y nodejs npm && apt-get autoremove -y

ENV ML_PATHS__DATA_DIR=/data \
    ML_PATHS__MEDIA_DIR=/media \
    ML_SERVER__HOST=0.0.0.0 \
    ML_SERVER__PORT=8420
VOLUME ["/data", "/media"]
EXPOSE 8420
USER media
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8420/api/health || exit 1
ENTRYPOINT ["python", "main.py", "--mode", "server"]
