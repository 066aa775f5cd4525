package dev.stardust.examples.readme;

import dev.stardust.Loop;
import dev.stardust.http.Http;

public final class Hello {
  public static void main(String[] args) {
    Loop.run(() -> Http.createServer((req, res) -> {
      res.setHeader("Content-Type", "text/plain");
      res.end("Hello world\n");
    }).listen(8080).onSuccess(server -> System.out.println("Server listening at http://localhost:8080/")));
  }
}
