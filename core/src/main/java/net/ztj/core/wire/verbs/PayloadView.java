package net.ztj.core.wire.verbs;

import net.ztj.core.wire.BigEndian;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.MalformedException;

/**
 * The data path's decoder of a frame-carrying payload (FRAME, EXT_FRAME, MULTICAST_FRAME): a flyweight over the
 * received buffer that {@link #wrap}s a payload range, checks its layout once and then reads each field in place,
 * without copying or allocating (STYLE habit 3). One instance is reused packet after packet by one thread; it is
 * valid until the next {@code wrap}, so a handler that may be re-entered (a synchronous transport delivering a reply
 * while the handler sends) reads the fields it needs before it sends. The record decoders of these verbs go through
 * the same view, so that tests and fuzzing cover what the data path runs.
 */
public abstract sealed class PayloadView permits Frame.View, PayloadView.Flagged {
    protected byte[] buf;
    protected int off;
    protected int end;

    /**
     * Points the view at {@code buf[off..off+len)}.
     *
     * @return false if the payload is truncated or its layout is ill-formed (then no accessor may be used)
     */
    public final boolean wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.end = off + len;
        return len >= 0 && layout();
    }

    /** Checks the layout of the wrapped range and computes the offsets of the variable fields. */
    abstract boolean layout();

    /** The network ID, which starts every frame-carrying payload. */
    public final long networkId() {
        return BigEndian.u64(buf, off);
    }

    /** The buffer the view reads. */
    public final byte[] buffer() {
        return buf;
    }

    /** Where the Ethernet payload starts in {@link #buffer()}. */
    public abstract int dataOffset();

    /** Length of the Ethernet payload (everything after the header). */
    public final int dataLength() {
        return end - dataOffset();
    }

    final byte[] dataCopy() {
        return java.util.Arrays.copyOfRange(buf, dataOffset(), end);
    }

    /** For the record decoders: wraps all the reader's remaining bytes and consumes them. */
    final void wrapAll(ByteReader r, String verb) {
        if (!wrap(r.array(), r.position(), r.remaining())) throw new MalformedException(verb + " ill-formed or truncated");
        r.seek(r.limit());
    }

    /**
     * EXT_FRAME and MULTICAST_FRAME: the network ID is followed by flags, whose bit 0x01 says that a (deprecated)
     * certificate of membership follows them; the verb's own fields come after it.
     */
    public abstract static sealed class Flagged extends PayloadView permits ExtFrame.View, MulticastFrame.View {
        /** Offset of the flags. */
        static final int FLAGS_OFFSET = 8;
        /** Offset of the COM if flag 0x01, else of the verb's own fields. */
        static final int COM_OFFSET = 9;
        /** The flag saying a COM follows the flags, the same in both verbs. */
        static final int FLAG_COM_ATTACHED = 0x01;

        private int comEnd;

        @Override
        final boolean layout() {
            if (end - off < COM_OFFSET) return false;
            comEnd = off + COM_OFFSET;
            if (hasCom()) {
                comEnd = CredentialSpans.comEnd(buf, comEnd, end);
                if (comEnd < 0) return false;
            }
            return layoutAfterCom(comEnd);
        }

        /** Checks the verb's own fields, which start at {@code at}. */
        abstract boolean layoutAfterCom(int at);

        public final int flags() {
            return buf[off + FLAGS_OFFSET] & 0xff;
        }

        public final boolean hasCom() {
            return (flags() & FLAG_COM_ATTACHED) != 0;
        }

        /** Where the attached COM starts (meaningful only if {@link #hasCom()}). */
        public final int comOffset() {
            return off + COM_OFFSET;
        }

        /** Where the attached COM ends, exclusive (meaningful only if {@link #hasCom()}); the verb's fields follow. */
        public final int comEnd() {
            return comEnd;
        }

        final byte[] comCopy() {
            return hasCom() ? java.util.Arrays.copyOfRange(buf, comOffset(), comEnd) : null;
        }
    }
}
