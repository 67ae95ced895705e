# mcp-otel-agent as a Native AOT binary on a minimal base, run as a non-root user.
# Build: docker build -t mcp-otel-agent .    (docker-compose.yml builds it too)
# It watches host processes only with `--pid=host`; without root it reads other users' /proc/<pid>/fd and io as
# "denied" (counted in mcp_agent_probe_errors_total{reason="denied"}), everything else in full.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Native AOT links with clang and needs zlib.
RUN apt-get update \
    && apt-get install -y --no-install-recommends clang zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
RUN dotnet publish src/McpOtelAgent/McpOtelAgent.csproj -c Release -r linux-x64 -p:PublishAot=true -o /app \
    && rm -f /app/*.dbg /app/*.pdb /app/*.xml

# runtime-deps: glibc, OpenSSL and ICU-free libraries only; the chiseled flavour has no shell or package manager.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
WORKDIR /app
COPY --from=build /app/ ./
# The non-root user every .NET image defines (uid 1654).
USER $APP_UID
# Loopback by default; the compose file binds 0.0.0.0 with an API key (see docker-compose.yml).
EXPOSE 9464
ENTRYPOINT ["/app/mcp-otel-agent"]
CMD ["run"]
