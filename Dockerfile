# syntax=docker/dockerfile:1
# Enamel container image. Build: docker build -t enamel .
# Run:   docker run -d --name enamel -p 8443:8443 -p 8444:8444 -v enamel-data:/var/lib/enamel \
#          -e ENAMEL_PUBLIC_NAMES=enamel.clinic.lan,192.168.1.10 enamel
# Set ENAMEL_PUBLIC_NAMES before the first start: the server certificate is issued for
# those names (the default would be the container's random host name).
# First start initializes the CA, certificates and owner account; `docker logs enamel`
# shows the URL, the owner's .p12 path and passphrase (inside the volume) and password.
# Secrets never go into the image: mount them and point ENAMEL_*_FILE at them.

# Both stages use the same Debian release so the native modules (argon2, better-sqlite3)
# compiled here link against the same glibc they run on.
FROM node:24-bookworm-slim AS build

# Toolchain for node-gyp in case no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# Dependencies first, so this layer is cached until the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund


FROM node:24-bookworm-slim AS runtime

# restic for backups; openssh-client because restic's sftp: backend runs `ssh`;
# ca-certificates for rest:/s3: over HTTPS; tini as PID 1 so SIGTERM reaches node.
RUN apt-get update \
 && apt-get install -y --no-install-recommends restic openssh-client ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*

# Fixed uid/gid so the data volume keeps a stable owner across image rebuilds.
RUN groupadd --system --gid 10001 enamel \
 && useradd --system --uid 10001 --gid enamel --home-dir /var/lib/enamel \
      --no-create-home --shell /usr/sbin/nologin enamel \
 && install -d -o enamel -g enamel -m 0700 /var/lib/enamel

WORKDIR /opt/enamel

# Application files stay owned by root: the service user can read but not modify them.
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/static ./static
COPY --from=build /src/bin ./bin

ENV ENAMEL_DATA_DIR=/var/lib/enamel \
    ENAMEL_HOST=0.0.0.0 \
    ENAMEL_PORT=8443 \
    NODE_ENV=production

# Declared after the chown above so a fresh volume inherits enamel:enamel, mode 0700.
VOLUME /var/lib/enamel

# 8443: the clinic's HTTPS (mutual TLS) service.
# 8444: device-enrollment listener, opened only on demand by the owner.
EXPOSE 8443 8444

USER enamel:enamel

HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "dist/server/cli.js", "healthcheck"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server/main.js"]
