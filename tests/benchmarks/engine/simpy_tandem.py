#!/usr/bin/python3
"""The benchmark's reference model in SimPy: a tandem of three M/M/4 stations at 75% load.

Same model as headroom-bench's tandem: Poisson arrivals at 30/s, three FCFS stations in series, each with
4 servers and exponential service of mean 0.1 s (rho = 30 * 0.1 / 4 = 0.75). Prints one line:
  requests=<n> wall_s=<seconds> mean_response_s=<value>
Usage: simpy_tandem.py REQUESTS [SEED]
"""
import random
import sys
import time

import simpy

ARRIVAL_RATE = 30.0
SERVICE_MEAN = 0.1
SERVERS = 4
STATIONS = 3


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    env = simpy.Environment()
    stations = [simpy.Resource(env, capacity=SERVERS) for _ in range(STATIONS)]
    done = {"count": 0, "sum": 0.0}
    finished = env.event()

    def request(env):
        start = env.now
        for st in stations:
            with st.request() as req:
                yield req
                yield env.timeout(rng.expovariate(1.0 / SERVICE_MEAN))
        done["count"] += 1
        done["sum"] += env.now - start
        if done["count"] == n and not finished.triggered:
            finished.succeed()

    def source(env):
        for _ in range(n):
            yield env.timeout(rng.expovariate(ARRIVAL_RATE))
            env.process(request(env))

    env.process(source(env))
    t0 = time.perf_counter()
    env.run(until=finished)
    wall = time.perf_counter() - t0
    print(f"requests={n} wall_s={wall:.6f} mean_response_s={done['sum'] / done['count']:.6f}")


if __name__ == "__main__":
    main()
