print("TransportBenchmark: not yet")
