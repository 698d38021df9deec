package de.dockeragents.mailer.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Base64 as broken senders write it: characters outside the alphabet are skipped, padding may be
 * missing, and a final quantum of two or three characters still yields its one or two bytes. What
 * had to be skipped or dropped is counted as damage; missing padding loses nothing and is not.
 */
final class LenientBase64 extends InputStream {

    private final InputStream in;
    private final LenientMime.Decoding decoding;
    private final byte[] out = new byte[3];
    private int position;
    private int length;
    private boolean end;

    LenientBase64(InputStream in, LenientMime.Decoding decoding) {
        this.in = in;
        this.decoding = decoding;
    }

    @Override
    public int read() throws IOException {
        while (position == length) {
            if (end) {
                return -1;
            }
            fill();
        }
        return out[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) c;
        }
        return n;
    }

    /** Reads one quantum: four characters, or fewer at padding or at the end of the part. */
    private void fill() throws IOException {
        int bits = 0;
        int sextets = 0;
        while (sextets < 4) {
            int c = in.read();
            if (c < 0) {
                end = true;
                break;
            }
            int v = value(c);
            if (v >= 0) {
                bits = bits << 6 | v;
                sextets++;
            } else if (c == '=') {
                if (sextets >= 2) {
                    break;
                }
            } else if (!Character.isWhitespace(c)) {
                decoding.warnings++;
            }
        }
        position = 0;
        switch (sextets) {
            case 4 -> {
                out[0] = (byte) (bits >> 16);
                out[1] = (byte) (bits >> 8);
                out[2] = (byte) bits;
                length = 3;
            }
            case 3 -> {
                out[0] = (byte) (bits >> 10);
                out[1] = (byte) (bits >> 2);
                length = 2;
            }
            case 2 -> {
                out[0] = (byte) (bits >> 4);
                length = 1;
            }
            default -> {
                if (sextets == 1) {
                    decoding.warnings++;
                }
                length = 0;
            }
        }
    }

    private static int value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
}
