# One image for web (gunicorn), worker and beat (Celery); docker-compose.yml picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# fonts-nanum: Hangul in generated PDFs (job bulletins, reports).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-nanum \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 jobcenter

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. No extras: not `dev`, not `embedded`.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Compiled translations and collected static files are part of the image. The build needs no database:
# a DATABASE_URL is given only so that settings load (the image has no embedded PostgreSQL: the `embedded` extra
# is not installed).
RUN PRODUCTION=1 SECRET_KEY=build-only-not-secret DATABASE_URL=postgres://build@localhost/build \
        python manage.py compile_translations \
    && PRODUCTION=1 SECRET_KEY=build-only-not-secret DATABASE_URL=postgres://build@localhost/build \
        python manage.py collectstatic --no-input \
    && mkdir -p /app/media /var/lib/celery \
    && chown -R jobcenter:jobcenter /app/media /var/lib/celery

USER jobcenter
EXPOSE 8000
CMD ["gunicorn", "jobcenter.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
