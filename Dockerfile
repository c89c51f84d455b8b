# Build the jar first: mvn -B package -DskipTests
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 scanner
WORKDIR /app
COPY target/s3-scanner.jar /app/s3-scanner.jar
USER 10001
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/s3-scanner.jar"]
