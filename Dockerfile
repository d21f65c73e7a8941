# One image for the API, the projector and the CLI.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:console && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
ENV CONSOLE_DIR=/app/dist/console
COPY package.json ./
VOLUME /data
EXPOSE 3000
ENTRYPOINT ["node", "dist/apps/cli/src/main.js"]
CMD ["serve"]
