"""Airflow DAG: trainguard protect on EMR, branch on the outcome, verify, trigger training.

    add_protect_steps -> watch_protect -> classify_protect --+--> add_verify_step -> watch_verify
                                                             |        -> trigger_training
                                                             +--> gate_failed     (exit 3)
                                                             +--> protect_failed  (exit 1, 2, 4)

An EMR step only reports COMPLETED or FAILED, not the exit code, so classify_protect reads
the contract trainguard leaves in S3: _SUCCESS only after exit 0; on exit 3 a signed
manifest with gate.decision "fail" (plus report.html) but no _SUCCESS; on 1, 2 and 4 no
manifest. Needs apache-airflow-providers-amazon; works on Airflow 2.7+ and 3.
Placeholders: j-XXXXXXXXXXXXX, MY-BUCKET, ACCOUNT, REGION, the topic and the training DAG id.
"""

import json
from datetime import datetime

from airflow.exceptions import AirflowFailException
from airflow.providers.amazon.aws.hooks.s3 import S3Hook
from airflow.providers.amazon.aws.hooks.sns import SnsHook
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor

try:  # Airflow 3
    from airflow.sdk import DAG, task
    from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
except ImportError:  # Airflow 2
    from airflow import DAG
    from airflow.decorators import task
    from airflow.operators.trigger_dagrun import TriggerDagRunOperator

AWS_CONN = "aws_default"
CLUSTER_ID = "j-XXXXXXXXXXXXX"
BUCKET = "MY-BUCKET"
JAR = f"s3://{BUCKET}/jars/trainguard-jobs-0.1.0-SNAPSHOT-spark.jar"
DATA_KEY = "alias/training-data"
SIGNING_KEY = "alias/trainguard-signing"
POLICY_S3 = f"s3://{BUCKET}/trainguard/policies/analytics.yaml"
REVIEW_TOPIC = "arn:aws:sns:REGION:ACCOUNT:trainguard-review"
TRAINING_DAG = "train_model"

# One fresh output prefix per DAG run (protect refuses a non-empty --output). ':' and '+'
# are removed from the run id because Hadoop paths reject ':'.
RUN = "{{ run_id | replace(':', '') | replace('+', '') }}"
OUTPUT_KEY = f"clean/{RUN}/"
OUTPUT_S3A = f"s3a://{BUCKET}/{OUTPUT_KEY}"
POLICY_LOCAL = f"/home/hadoop/trainguard/{RUN}/policy.yaml"


def spark_submit(*trainguard_args):
    # Client mode: the driver is the step's own process on the primary node, so the
    # trainguard exit code is the step's exit code (non-zero -> step FAILED) and --policy
    # can be a local file there. See README.md for why not cluster mode.
    return ["spark-submit", "--master", "yarn", "--deploy-mode", "client",
            "--class", "io.trainguard.jobs.cli.TrainguardCli", JAR, *trainguard_args]


STAGE_POLICY = {
    "Name": "trainguard: stage policy",
    "ActionOnFailure": "CANCEL_AND_WAIT",  # protect (added with it) does not run
    "HadoopJarStep": {"Jar": "command-runner.jar",
                      "Args": ["aws", "s3", "cp", POLICY_S3, POLICY_LOCAL]},
}
PROTECT = {
    "Name": "trainguard protect",
    "ActionOnFailure": "CONTINUE",  # this DAG decides what happens next
    "HadoopJarStep": {"Jar": "command-runner.jar", "Args": spark_submit(
        "protect", "--input", f"s3a://{BUCKET}/raw/", "--output", OUTPUT_S3A,
        "--key", DATA_KEY, "--signing-key", SIGNING_KEY, "--policy", POLICY_LOCAL)},
}
VERIFY = {
    "Name": "trainguard verify",
    "ActionOnFailure": "CONTINUE",
    "HadoopJarStep": {"Jar": "command-runner.jar", "Args": spark_submit(
        "verify", "--manifest", OUTPUT_S3A + "_trainguard/manifest.json",
        "--key", SIGNING_KEY, "--input", f"s3a://{BUCKET}/raw/")},
}


def read_manifest(s3, output_key):
    key = output_key + "_trainguard/manifest.json"
    if not s3.check_for_key(key, bucket_name=BUCKET):
        return None
    return json.loads(s3.read_key(key, bucket_name=BUCKET))


with DAG(
    dag_id="trainguard_gated_training",
    start_date=datetime(2025, 1, 1),
    schedule=None,
    catchup=False,
    # No retries: a retried protect would find its own partial output and exit 1.
    default_args={"retries": 0},
) as dag:
    add_protect_steps = EmrAddStepsOperator(
        task_id="add_protect_steps", job_flow_id=CLUSTER_ID, aws_conn_id=AWS_CONN,
        steps=[STAGE_POLICY, PROTECT])

    watch_protect = EmrStepSensor(
        task_id="watch_protect", job_flow_id=CLUSTER_ID, aws_conn_id=AWS_CONN,
        step_id="{{ ti.xcom_pull(task_ids='add_protect_steps') | last }}",
        mode="reschedule", poke_interval=60)

    @task.branch(trigger_rule="all_done")  # also runs when watch_protect failed
    def classify_protect(output_key):
        s3 = S3Hook(aws_conn_id=AWS_CONN)
        manifest = read_manifest(s3, output_key)
        if manifest is None:
            return "protect_failed"
        if manifest["gate"]["decision"] == "fail":
            return "gate_failed"
        if s3.check_for_key(output_key + "_SUCCESS", bucket_name=BUCKET):
            return "add_verify_step"
        return "protect_failed"  # manifest but no _SUCCESS and gate passed: a late exit 4

    @task
    def gate_failed(output_key):
        manifest = read_manifest(S3Hook(aws_conn_id=AWS_CONN), output_key)
        report = f"s3://{BUCKET}/{output_key}_trainguard/report.html"
        message = (f"trainguard gate failed for run {manifest['run']['id']}: "
                   + "; ".join(manifest["gate"]["reasons"])
                   + f"\nReview the report: {report}\nNothing was released for training.")
        SnsHook(aws_conn_id=AWS_CONN).publish_to_target(
            target_arn=REVIEW_TOPIC, message=message, subject="trainguard gate failed")
        raise AirflowFailException(message)

    @task
    def protect_failed(output_key):
        raise AirflowFailException(
            f"trainguard protect failed without a gate decision (exit 1, 2 or 4) for "
            f"s3://{BUCKET}/{output_key}: read the protect step's stderr in the EMR console "
            f"or the cluster's log URI (steps/<step id>/stderr.gz), line 'trainguard: error:'.")

    add_verify_step = EmrAddStepsOperator(
        task_id="add_verify_step", job_flow_id=CLUSTER_ID, aws_conn_id=AWS_CONN,
        steps=[VERIFY])

    watch_verify = EmrStepSensor(
        task_id="watch_verify", job_flow_id=CLUSTER_ID, aws_conn_id=AWS_CONN,
        step_id="{{ ti.xcom_pull(task_ids='add_verify_step') | last }}",
        mode="reschedule", poke_interval=30)

    # The training DAG reads only this prefix, runs `trainguard decrypt` (which refuses an
    # output without _SUCCESS) into a temporary directory and never reads its quarantine/.
    trigger_training = TriggerDagRunOperator(
        task_id="trigger_training", trigger_dag_id=TRAINING_DAG,
        conf={"protected_uri": f"s3://{BUCKET}/{OUTPUT_KEY}",
              "manifest_uri": f"s3://{BUCKET}/{OUTPUT_KEY}_trainguard/manifest.json",
              "data_key": DATA_KEY, "signing_key": SIGNING_KEY})

    branch = classify_protect(OUTPUT_KEY)
    add_protect_steps >> watch_protect >> branch
    branch >> [gate_failed(OUTPUT_KEY), protect_failed(OUTPUT_KEY), add_verify_step]
    add_verify_step >> watch_verify >> trigger_training
