"""The worker yields the processor to the web: it and its pool run at SOCLE_WORKER_NICE."""

from pathlib import Path

from .conftest import Worker


def niceness(pid: int) -> int:
    # /proc/<pid>/stat: the 19th field; the command name (2nd, in parentheses) may hold spaces.
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def test_a_worker_and_its_pool_processes_run_at_the_configured_lower_priority(real_services, tmp_path):
    worker = Worker(
        real_services["database_url"], real_services["broker_url"], tmp_path / "w.log", SOCLE_WORKER_NICE="7"
    )
    try:
        pid = worker.process.pid
        pool = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        assert len(pool) == 2
        assert [niceness(each) for each in (pid, *pool)] == [7, 7, 7]
        # Started in a session of its own, as a supervisor starts it: where the kernel groups
        # processes by session, its group yields too (else it would weigh as much as the web's).
        autogroup = Path(f"/proc/{pid}/autogroup")
        if autogroup.exists():
            assert autogroup.read_text().split()[-1] == "7"
    finally:
        worker.stop()
