# The Lambda worker image: the generator library, the worker, and exactly the worker's
# dependencies. Amazon Linux 2023 with Python 3.12, like the laptop: the same wheels of the
# packages pinned in pyproject.toml install here, so the image writes the same bytes.
FROM public.ecr.aws/lambda/python:3.12

# The worker's dependencies are [project].dependencies of pyproject.toml, read as they are
# (no console extra, no dev group). The packages that decide bytes are pinned exactly and
# their wheels install on this base as on the laptop (there is no compiler here: a pin
# without a usable wheel fails the build instead of building something else; a pure-Python
# sdist, like chess, builds to the same code). The project itself is not installed, so
# there is no `vmwheel` entry point to a console that is not in the image.
WORKDIR /tmp/build
COPY pyproject.toml ./
RUN python3 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && pip install --no-cache-dir --requirement requirements.txt \
    && rm -rf /tmp/build

# The two packages the worker runs, as source on the handler's path.
WORKDIR ${LAMBDA_TASK_ROOT}
COPY generators/ ${LAMBDA_TASK_ROOT}/generators/
COPY lambda_src/ ${LAMBDA_TASK_ROOT}/lambda_src/
CMD ["lambda_src.handler.handler"]
