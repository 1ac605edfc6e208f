import pytest

from bench.load import parse

# wrk 4.1's report with --latency and the write mix's status lines.
REPORT = """\
Running 10s test @ http://127.0.0.1:8811/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   110.45ms   31.91ms   1.20s    80.55%
    Req/Sec    36.10     10.12    50.00     71.43%
  Latency Distribution
     50%  850.00us
     75%  119.76ms
     90%  146.97ms
     99%    1.20s
  713 requests in 10.05s, 6.94MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 12
Requests/sec:     70.95
Transfer/sec:      0.69MB
status 200: 480
status 302: 221
status 403: 12
"""


def test_it_reads_throughput_and_percentiles_in_milliseconds():
    load = parse(REPORT)

    assert load.requests == 713
    assert load.requests_per_second == 70.95
    assert load.p50_ms == pytest.approx(0.85)
    assert load.p99_ms == pytest.approx(1200.0)


def test_it_reads_the_failures_wrk_reports():
    load = parse(REPORT)

    assert load.bad_responses == 12
    assert load.socket_errors == {"connect": 0, "read": 2, "write": 0, "timeout": 1}
    assert load.statuses == {200: 480, 302: 221, 403: 12}


def test_a_clean_run_has_no_failures():
    clean = "\n".join(
        line for line in REPORT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )

    load = parse(clean)

    assert (load.bad_responses, load.socket_errors) == (0, {})


def test_it_refuses_a_report_without_percentiles():
    with pytest.raises(ValueError, match="50th percentile"):
        parse(REPORT.replace("     50%  850.00us\n", ""))


def test_it_reads_percentiles_in_seconds_with_wrks_trailing_space():
    from bench.load import parse

    report = "\n".join(
        [
            "Running 2s test @ http://127.0.0.1:1/",
            "  2 threads and 8 connections",
            "  Latency Distribution",
            "     50%  487.90ms",
            "     75%  652.65ms",
            "     90%  875.14ms",
            "     99%    1.02s ",  # wrk ends this line with a space
            "  25 requests in 2.01s, 3.30MB read",
            "Requests/sec:     12.43",
            "Transfer/sec:      1.64MB",
        ]
    )
    load = parse(report)
    assert load.p50_ms == 487.90
    assert load.p99_ms == 1020.0
