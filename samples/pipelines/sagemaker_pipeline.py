"""SageMaker Pipeline: trainguard protect -> trainguard verify -> training.

Every step is a job that ends Failed on a non-zero exit, and a failed step stops the
pipeline, so training starts only after protect exited 0 (gate passed, _SUCCESS written)
and verify exited 0 (signature and every digest hold).

A gate failure (exit 3) shows up as a Failed "TrainguardProtect" step: smspark-submit turns
spark-submit's non-zero exit into an AlgorithmError, and the job's CloudWatch log
(/aws/sagemaker/ProcessingJobs) has "spark-submit command failed with exit code 3" and the
line "trainguard: error: Gate failed (policy NAME): REASONS. ...". The signed manifest
(gate.decision "fail", gate.reasons) and report.html are under
s3://MY-BUCKET/clean/<execution id>/_trainguard/; there is no _SUCCESS. Exits 1, 2 and 4
fail the step the same way but leave no manifest.

Placeholders: ACCOUNT, REGION, MY-BUCKET, the role and image names. No secrets are needed:
keys are KMS aliases and every job uses its IAM role.

    python3 sagemaker_pipeline.py            # creates or updates the pipeline definition
"""

import boto3
from sagemaker.estimator import Estimator
from sagemaker.inputs import TrainingInput
from sagemaker.processing import ProcessingInput
from sagemaker.spark.processing import SparkJarProcessor
from sagemaker.workflow.execution_variables import ExecutionVariables
from sagemaker.workflow.functions import Join
from sagemaker.workflow.parameters import ParameterString
from sagemaker.workflow.pipeline import Pipeline
from sagemaker.workflow.pipeline_context import PipelineSession
from sagemaker.workflow.steps import ProcessingStep, TrainingStep

REGION = "REGION"  # e.g. eu-west-1
ROLE = "arn:aws:iam::ACCOUNT:role/TrainguardSageMakerRole"
BUCKET = "MY-BUCKET"
JAR = f"s3://{BUCKET}/jars/trainguard-jobs-0.1.0-SNAPSHOT-spark.jar"
MAIN_CLASS = "io.trainguard.jobs.cli.TrainguardCli"
# trainguard needs Spark 4.x (Scala 2.13) on Java 17. The stock SageMaker Spark processing
# images ship Spark 3.x, so build one from github.com/aws/sagemaker-spark-container with
# Spark 4 and Java 17 and push it to ECR.
SPARK4_IMAGE = f"ACCOUNT.dkr.ecr.{REGION}.amazonaws.com/sagemaker-spark-4:latest"
# The training image runs `trainguard decrypt` before training (see train_step below).
TRAINING_IMAGE = f"ACCOUNT.dkr.ecr.{REGION}.amazonaws.com/my-trainer-with-trainguard:latest"
POLICY_DIR = "/opt/ml/processing/input/policy"  # local path on the driver (client mode)

session = PipelineSession(boto_session=boto3.Session(region_name=REGION))

input_uri = ParameterString("InputUri", default_value=f"s3a://{BUCKET}/raw/")
data_key = ParameterString("DataKey", default_value="alias/training-data")
signing_key = ParameterString("SigningKey", default_value="alias/trainguard-signing")
# The object must be named policy.yaml: it is downloaded into POLICY_DIR under that name.
policy_uri = ParameterString(
    "PolicyUri", default_value=f"s3://{BUCKET}/trainguard/policies/policy.yaml")

# One fresh output prefix per execution: protect refuses a non-empty --output (exit 1), so
# two runs never mix. trainguard reads and writes S3 through s3a://; SageMaker channels
# take s3:// for the same objects.
def run_uri(scheme, suffix=""):
    return Join(on="", values=[f"{scheme}://{BUCKET}/clean/",
                               ExecutionVariables.PIPELINE_EXECUTION_ID, "/" + suffix])


output_s3a = run_uri("s3a")
output_s3 = run_uri("s3")
manifest_s3a = run_uri("s3a", "_trainguard/manifest.json")


def spark_processor(name, instance_count):
    # smspark-submit runs `spark-submit --master yarn --deploy-mode client`: the driver runs
    # in the primary container, so local paths (the policy) are readable by it, and the
    # job's exit code becomes spark-submit's exit code.
    return SparkJarProcessor(
        role=ROLE,
        image_uri=SPARK4_IMAGE,
        instance_type="ml.m5.2xlarge",
        instance_count=instance_count,
        base_job_name=name,
        max_runtime_in_seconds=6 * 3600,
        sagemaker_session=session,
    )


protect_step = ProcessingStep(
    name="TrainguardProtect",
    step_args=spark_processor("trainguard-protect", 3).run(
        submit_app=JAR,
        submit_class=MAIN_CLASS,
        # --policy is read from a local path by the driver, never from S3: stage it.
        inputs=[ProcessingInput(source=policy_uri, destination=POLICY_DIR,
                                input_name="policy")],
        arguments=[
            "protect",
            "--input", input_uri,
            "--output", output_s3a,
            "--key", data_key,
            "--signing-key", signing_key,
            "--policy", f"{POLICY_DIR}/policy.yaml",
        ],
    ),
)

# verify needs no executors; it re-reads the manifest and every listed output and checks the
# signature with KMS. Exit 2 (a difference) fails the step and stops the pipeline.
verify_step = ProcessingStep(
    name="TrainguardVerify",
    depends_on=[protect_step],
    step_args=spark_processor("trainguard-verify", 1).run(
        submit_app=JAR,
        submit_class=MAIN_CLASS,
        arguments=["verify", "--manifest", manifest_s3a, "--key", signing_key,
                   "--input", input_uri],
    ),
)

# The training container receives the encrypted output (data/*.enc, _trainguard/, _SUCCESS)
# in /opt/ml/input/data/protected and, before training, runs for example:
#   spark-submit --master 'local[*]' --class io.trainguard.jobs.cli.TrainguardCli \
#     /opt/trainguard/trainguard-jobs-0.1.0-SNAPSHOT-spark.jar decrypt \
#     --key "$TRAINGUARD_KEY" --signing-key "$TRAINGUARD_SIGNING_KEY" \
#     --input /opt/ml/input/data/protected --output /tmp/plain
# decrypt first runs the checks of verify (signature, gate, _SUCCESS, exact file list), writes
# only data/ (never the unredacted quarantine unless --quarantine-to) and checks every file's
# digest, authenticity and encryption context; the plaintext stays on the instance. Running `verify --manifest
# /opt/ml/input/data/protected/_trainguard/manifest.json` there too closes the gap between
# the verify step and the copy. The image needs Java 17 and Spark 4 (the shaded jar leaves
# Spark and Hadoop out).
trainer = Estimator(
    image_uri=TRAINING_IMAGE,
    role=ROLE,
    instance_type="ml.g5.xlarge",
    instance_count=1,
    output_path=f"s3://{BUCKET}/models/",
    environment={"TRAINGUARD_KEY": data_key, "TRAINGUARD_SIGNING_KEY": signing_key},
    sagemaker_session=session,
)

train_step = TrainingStep(
    name="Train",
    depends_on=[verify_step],
    step_args=trainer.fit(
        inputs={"protected": TrainingInput(s3_data=output_s3, s3_data_type="S3Prefix",
                                           input_mode="File")},
    ),
)

pipeline = Pipeline(
    name="trainguard-gated-training",
    parameters=[input_uri, data_key, signing_key, policy_uri],
    steps=[protect_step, verify_step, train_step],
    sagemaker_session=session,
)

if __name__ == "__main__":
    pipeline.upsert(role_arn=ROLE)
    print("Upserted pipeline", pipeline.name, "- start it with pipeline.start()")
