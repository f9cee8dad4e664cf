package vn.xhht.ledger.infrastructure.api;

import org.junit.jupiter.api.RepeatedTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keep-alive connection keeps being served after a request that arrived while the previous one was still being
 * answered (reactor-netty 1.2.18 stops reading such a connection: reactor/reactor-netty#4361; every later request
 * on it waited until the client gave up). Raw socket, so that no client library hides or retries anything.
 */
class KeepAliveTest extends ApiTest {

    @RepeatedTest(5)
    void aRequestAfterTwoArrivingTogetherIsStillAnswered() throws IOException {
        String auth = Base64.getEncoder().encodeToString("auditor:auditor-demo".getBytes(StandardCharsets.UTF_8));
        String slow = "GET /api/v1/indicators/catalogue HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + auth + "\r\n\r\n";
        String fast = "GET /api/v1/units HTTP/1.1\r\nHost: localhost\r\n\r\n"; // refused at once: 401
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write((slow + fast).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 401");

            out.write(slow.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String third;
            try {
                third = readResponse(in);
            } catch (SocketTimeoutException e) {
                third = "no answer within 10 s";
            }
            assertThat(third).startsWith("HTTP/1.1 200");
        }
    }

    /** One response: the head, then a body of Content-Length bytes or chunked. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readUntil(in, "\r\n\r\n");
        String lower = head.toLowerCase();
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int end = lower.indexOf("\r\n", at);
            int length = Integer.parseInt(lower.substring(at + 15, end).trim());
            in.readNBytes(length);
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                int size = Integer.parseInt(readUntil(in, "\r\n").trim(), 16);
                in.readNBytes(size + 2);
                if (size == 0) {
                    break;
                }
            }
        }
        return head;
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + bytes.toString(StandardCharsets.US_ASCII));
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
