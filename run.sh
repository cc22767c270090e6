#!/usr/bin/env bash
# Runs Tangerang Live: one silo (Orleans + API + Live Room) on http://127.0.0.1:8080.
# With no ConnectionStrings__Postgres it starts its own private PostgreSQL and keeps its data.
# Extra arguments go to the silo, e.g. ./run.sh --http-port 8081 --silo-port 11112 --gateway-port 30001
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh
echo "==> building"
dotnet build silo/Silo.csproj -c Release -nologo -v q -clp:ErrorsOnly
cd silo
exec dotnet bin/Release/net10.0/TangerangLive.Silo.dll "$@"
