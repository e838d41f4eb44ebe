"""The web benchmark's parts (bench_web.py): the pages' content, the servers and the load generator."""
