# The Lambda worker image: the generator library and the worker, nothing else.
FROM public.ecr.aws/lambda/python:3.11

# Build from a scratch folder and delete it: only the installed package stays.
# tui/ and cdk_app/ are listed in the wheel config but not copied (see .dockerignore):
# hatchling leaves out listed packages that are absent, and the worker imports neither.
# README.md is copied because the build backend reads it as the project's readme.
WORKDIR /tmp/build
COPY pyproject.toml README.md ./
COPY generators/ generators/
COPY lambda_src/ lambda_src/

# This base image is Amazon Linux 2 (glibc 2.26). The newest numpy, Pillow and
# imageio-ffmpeg publish only manylinux_2_28 wheels, and there is no compiler here:
# --prefer-binary makes pip take the newest release that has a usable wheel instead of
# trying to build a newer one from source. ffmpeg comes inside the imageio-ffmpeg wheel.
RUN pip install --no-cache-dir --prefer-binary . \
    && rm -rf /tmp/build

WORKDIR ${LAMBDA_TASK_ROOT}
CMD ["lambda_src.handler.handler"]
