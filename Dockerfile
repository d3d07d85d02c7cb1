# The tutorial's app image: Node 24, Go with the post's MySQL driver (so the
# Go originals run too), gVisor and bubblewrap (every run in a sandbox of its
# own), the built site and the backend. It runs as `node`, not root: then
# gVisor runs rootless and bubblewrap uses user namespaces, which the
# container must be allowed to create (docker-compose.yml: security_opt).
FROM node:24-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends golang-go golang-github-go-sql-driver-mysql-dev ca-certificates \
      bubblewrap runsc util-linux \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build && mkdir -p .cache && chown node .cache
ENV HOST=0.0.0.0 PORT=4321 NODE_ENV=production
EXPOSE 4321
USER node
CMD ["node", "server/main.ts"]
