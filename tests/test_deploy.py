"""The deployment files the README points to stay in step with the command they run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from toll import cli

ROOT = Path(__file__).resolve().parents[1]


def _docs() -> list[dict]:
    return list(yaml.safe_load_all((ROOT / "deploy/kubernetes/toll-cluster.yaml").read_text(encoding="utf-8")))


def test_the_kubernetes_job_runs_a_toll_ingest_command_that_parses() -> None:
    job = next(d for d in _docs() if d["kind"] == "Job")
    command = job["spec"]["template"]["spec"]["containers"][0]["command"]
    assert command[:2] == ["toll", "ingest"]
    ctx = cli.ingest.make_context("ingest", list(command[2:]))  # raises on an option toll does not have
    assert ctx.params["engine"] == "dask" and ctx.params["scheduler"] == "tcp://toll-scheduler:8786"


def test_workers_and_the_writer_mount_the_same_volume_where_the_parts_are() -> None:
    cluster, job = _docs()
    worker = cluster["spec"]["worker"]["spec"]
    writer = job["spec"]["template"]["spec"]
    mounts = {m["mountPath"] for c in (worker["containers"][0], writer["containers"][0]) for m in c["volumeMounts"]}
    claims = {v["persistentVolumeClaim"]["claimName"] for s in (worker, writer) for v in s["volumes"]}
    assert mounts == {"/data"} and len(claims) == 1
    command = writer["containers"][0]["command"]
    assert command[command.index("--parts") + 1].startswith("/data/")
    assert "--nthreads" in worker["containers"][0]["args"]
    # the scheduler's service is the address the writer is given
    assert f"tcp://{cluster['metadata']['name']}-scheduler:8786" in command


def test_the_slurm_script_explains_itself_without_a_cluster() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "deploy/slurm/toll_slurm.py"), "--help"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and "--jobs" in out.stdout and "--parts" in out.stdout
