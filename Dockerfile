# One image for the API, the projector and the CLI. .dockerignore keeps the host's node_modules,
# dist, ./data (with its token secret) and .git out of the build context.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# .git stays out of the context: `docker build --build-arg CASETRAIL_COMMIT=$(git rev-parse HEAD) .`
# records the commit `casetrail --version` and /health name (without it, "unknown-commit");
# compose passes it on: `CASETRAIL_COMMIT=$(git rev-parse HEAD) docker compose build`.
ARG CASETRAIL_COMMIT
RUN npm run build && npm run build:console && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
ENV CONSOLE_DIR=/app/dist/console
# The API listens on loopback unless HOST says otherwise; in a container that would be the
# container's own loopback, which a published port never reaches.
ENV HOST=0.0.0.0
COPY package.json ./
# The processes run as the image's unprivileged `node` user, who owns the data directory (and the
# outbox in it, so a volume mounted there starts out writable by it too); the code stays root's.
RUN mkdir -p /data/outbox && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 3000
# For `serve` (the default command): /health answers 503 when a store is down. Node's own fetch,
# as the slim image has no curl. Compose turns it off for the projector and the notifier, which
# serve no HTTP.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/apps/cli/src/main.js"]
CMD ["serve"]
