# syntax=docker/dockerfile:1
# One image per service, built from the sources (build context: the repository root):
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=stock-entity-service .
# docker-compose.yml builds all three this way.

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
	./mvnw -q -B -DskipTests -pl "${SERVICE}" -am package \
	&& cp "${SERVICE}"/target/"${SERVICE}"-*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
# curl for the container health check
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
	&& useradd --system --uid 10001 --no-create-home app && mkdir /app && chown app /app
USER app
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
