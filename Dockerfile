# Trellis server image: runs the TypeScript sources directly on Node 24 (type
# stripping) and serves the explorer, built in a first stage with the dev tools.
FROM node:24-slim AS explorer
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY schema ./schema
COPY web ./web
COPY scripts ./scripts
RUN node scripts/buildExplorer.ts

FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY scripts ./scripts
COPY schema ./schema
COPY server ./server
COPY importers ./importers
COPY demo ./demo
COPY --from=explorer /app/dist/web ./dist/web
# Beyond loopback, Trellis refuses to start without authentication: run the
# image with TRELLIS_AUTH=required (API tokens) or TRELLIS_OIDC_ISSUER set.
ENV HOST=0.0.0.0 PORT=8080 NODE_ENV=production
EXPOSE 8080
USER node
CMD ["node", "bin/trellis.mjs", "serve"]
