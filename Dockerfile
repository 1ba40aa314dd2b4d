# netpol-evidence container image: Node 20, the built CLI with production dependencies only, and Debian's
# Chromium for the PDF report (no browser download at build or run time), running as uid 10001.
#   docker build -t netpol-evidence:0.1.0 .
# The default command is the scheduled run of deploy/: `report --config /etc/netpol-evidence/config.yaml`.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compile TypeScript, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
# No browser download (puppeteer) and no apt-get from scripts/setup-system.mjs in this stage: the final stage
# installs Debian's chromium itself.
ENV PUPPETEER_SKIP_DOWNLOAD=1 \
    NETPOL_EVIDENCE_SKIP_SETUP=1
COPY package.json package-lock.json ./
COPY scripts/ scripts/
# --ignore-scripts as well: `prepare` would build before the sources are here, and no dependency needs its
# install scripts (puppeteer's only downloads a browser).
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts

# ---- runtime ----
FROM ${NODE_IMAGE}
# chromium renders the PDF; fonts-dejavu-core is the report's first font; git and openssh-client serve
# --git-repo and the evidence locker; ca-certificates for HTTPS remotes and timestamp authorities; openssl
# opens PKCS#12 signing keys (--sign-p12).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core git openssh-client ca-certificates openssl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 netpol-evidence \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin netpol-evidence \
 && mkdir -p /etc/netpol-evidence/signing /var/lib/netpol-evidence/reports \
 && chown 10001:10001 /var/lib/netpol-evidence/reports
ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    HOME=/tmp
WORKDIR /app
# Application files are root-owned and read-only to the user that runs them.
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/src ./dist/src
COPY templates/ ./templates/
COPY controls/ ./controls/
COPY proto/ ./proto/
COPY examples/ ./examples/
COPY docs/*.schema.json ./docs/
USER 10001:10001
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]
CMD ["report", "--config", "/etc/netpol-evidence/config.yaml"]
