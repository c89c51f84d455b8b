# The production image: the lean jar (no embedded S3, SQS or PostgreSQL: those are for local
# mode only), a JRE, a non-root user. Build the jar first:
#   mvn -B -Plean clean package -Dmaven.test.skip=true
#   docker build -t s3-scanner:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 scanner
WORKDIR /app
COPY target/s3-scanner.jar /app/s3-scanner.jar
USER 10001
EXPOSE 8080 8081
# The heap follows the container's memory limit; an out-of-memory error ends the JVM so that
# Kubernetes restarts it instead of leaving it half alive.
ENV SCANNER_MODE=aws
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/s3-scanner.jar"]
