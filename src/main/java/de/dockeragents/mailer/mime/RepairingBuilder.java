package de.dockeragents.mailer.mime;

import java.util.Locale;
import java.util.Map;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;

/**
 * Gives a multipart whose declared boundary never occurs the boundary its body uses, and ignores a
 * transfer encoding on a multipart or message part as Jakarta Mail does (RFC 2045 allows none there).
 */
record RepairingBuilder(BodyDescriptorBuilder delegate, Map<String, String> repaired) implements BodyDescriptorBuilder {

    @Override
    public void reset() {
        delegate.reset();
    }

    @Override
    public Field addField(RawField field) throws MimeException {
        return delegate.addField(field);
    }

    @Override
    public BodyDescriptor build() {
        BodyDescriptor built = delegate.build();
        String mimeType = built.getMimeType() == null ? "" : built.getMimeType().toLowerCase(Locale.ROOT);
        if (!mimeType.startsWith("multipart/") && !mimeType.startsWith("message/")) {
            return built;
        }
        String boundary = built.getBoundary();
        return new Composite(built, boundary == null ? null : repaired.getOrDefault(boundary, boundary));
    }

    @Override
    public BodyDescriptorBuilder newChild() {
        return new RepairingBuilder(delegate.newChild(), repaired);
    }

    private record Composite(BodyDescriptor d, String boundary) implements BodyDescriptor {

        @Override
        public String getBoundary() {
            return boundary;
        }

        @Override
        public String getMimeType() {
            return d.getMimeType();
        }

        @Override
        public String getMediaType() {
            return d.getMediaType();
        }

        @Override
        public String getSubType() {
            return d.getSubType();
        }

        @Override
        public String getCharset() {
            return d.getCharset();
        }

        @Override
        public String getTransferEncoding() {
            String declared = d.getTransferEncoding();
            return declared != null && declared.toLowerCase(Locale.ROOT).matches("8bit|binary") ? declared : "7bit";
        }

        @Override
        public long getContentLength() {
            return d.getContentLength();
        }
    }
}
