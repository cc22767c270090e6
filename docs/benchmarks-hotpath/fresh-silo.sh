# Sourced by the benchmark scripts: starts a fresh silo (its own PostgreSQL under $data_dir, the old one deleted) with
# the per-address and sign-in rate limits raised for one load tester on loopback, logs to $out/silo.log, waits until it
# is ready and sets $silo to its process id; exits when it does not start. Needs $root, $out and $data_dir; SILO_ENV as
# in the scripts that source it.
mkdir -p "$out"
cd "$root/silo" && rm -rf "$data_dir"
RateLimits__TrackingPerAddressPerMinute=10000000 RateLimits__TrackingPerMinute=1000000 RateLimits__SignInPerMinute=1000000 \
  nohup env ${SILO_ENV:-} dotnet bin/Release/net10.0/TangerangLive.Silo.dll --data-dir "$data_dir" > "$out/silo.log" 2>&1 &
silo=$!
cd "$root"
for i in $(seq 1 60); do curl -sf -o /dev/null http://127.0.0.1:8080/health/ready && break; sleep 2; done
kill -0 $silo 2> /dev/null || { echo "the silo did not start: $out/silo.log" >&2; exit 1; }
