package dev.stardust.benchmarks.udp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/**
 * {@code UdpEchoLoad PORT SECONDS WINDOW SIZE}: keeps WINDOW datagrams of SIZE bytes in flight to an echo server
 * on 127.0.0.1:PORT for SECONDS (after a 2-second warm-up) and prints the echoes received per second. After 20 ms
 * of silence the whole window is sent again, so lost datagrams never shrink it.
 */
public final class UdpEchoLoad {

    private UdpEchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int window = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(20);
            socket.setReceiveBufferSize(1 << 20);
            DatagramPacket out = new DatagramPacket(new byte[size], size, server);
            DatagramPacket in = new DatagramPacket(new byte[65_536], 65_536);
            run(socket, out, in, window, 2);
            long received = run(socket, out, in, window, seconds);
            System.out.printf("%d%n", received / seconds);
        }
    }

    private static long run(DatagramSocket socket, DatagramPacket out, DatagramPacket in, int window, int seconds)
            throws Exception {
        long received = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            // (Re)fill the window: at the start, and whenever 20 ms of silence says the datagrams in flight are lost.
            for (int i = 0; i < window; i++) {
                socket.send(out);
            }
            try {
                while (System.nanoTime() < end) {
                    socket.receive(in);
                    received++;
                    socket.send(out);
                }
            } catch (SocketTimeoutException lost) {
                lost.getClass();
            }
        }
        try {
            while (true) {
                socket.receive(in);
            }
        } catch (SocketTimeoutException drained) {
            return received;
        }
    }
}
