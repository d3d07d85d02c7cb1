# The tutorial's app image: Node 24, Go with the post's MySQL driver (so the
# Go originals run too), the built site and the backend.
FROM node:24-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends golang-go golang-github-go-sql-driver-mysql-dev ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npm run build && mkdir -p .runs .cache && chown node .runs .cache
ENV HOST=0.0.0.0 PORT=4321 NODE_ENV=production
EXPOSE 4321
USER node
CMD ["node", "server/main.ts"]
