package org.tracehub.schemas.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Validator;
import org.tracehub.schemas.validation.ErrorCodes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * Validates a standard document (or a single event) against the shipped XSD, streaming. The bytes
 * go through {@link StandardXml#secureXmlReader()}, so a DOCTYPE is refused before anything is
 * declared; the validator uses only the shipped schema and never fetches one a document points to
 * ({@code xsi:schemaLocation} hints are ignored, external access is switched off).
 */
public final class StandardDocumentValidator {

    /** After this many violations the rest of the document is not reported. */
    public static final int MAX_VIOLATIONS = 100;

    /**
     * The document's violations of the XSD, in document order (empty when valid). Throws a
     * {@link StandardDocumentException} when the bytes are not well-formed XML or carry a DOCTYPE.
     */
    public List<SchemaViolation> validate(InputStream in) {
        List<SchemaViolation> violations = new ArrayList<>();
        Validator validator = StandardXml.schema().newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the XML validator cannot be made secure", e);
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings of the schema validator are not violations of the standard
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                violations.add(new SchemaViolation(e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
                if (violations.size() >= MAX_VIOLATIONS) {
                    throw new TooManyViolations();
                }
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            validator.validate(new SAXSource(StandardXml.secureXmlReader(), new InputSource(in)));
        } catch (TooManyViolations e) {
            return violations;
        } catch (SAXParseException e) {
            String code = e.getMessage() != null && e.getMessage().contains("DOCTYPE") ? ErrorCodes.XML_DOCTYPE_FORBIDDEN : ErrorCodes.XML_MALFORMED;
            String message = code.equals(ErrorCodes.XML_DOCTYPE_FORBIDDEN) ? "标准文档不允许DOCTYPE声明" : "标准文档不是格式正确的XML：" + e.getMessage();
            throw new StandardDocumentException(code, "第" + e.getLineNumber() + "行：" + message, e.getLineNumber(), e);
        } catch (SAXException e) {
            throw new StandardDocumentException(ErrorCodes.XML_MALFORMED, "标准文档无法校验：" + e.getMessage(), -1, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return violations;
    }

    /** Stops a document with too many violations early; it is not a failure of the validation. */
    private static final class TooManyViolations extends SAXException {
        TooManyViolations() {
            super("more than " + MAX_VIOLATIONS + " violations");
        }
    }
}
