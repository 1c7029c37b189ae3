package org.tracehub.schemas.xml;

import java.io.ByteArrayInputStream;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;

/** The shipped XSD, loaded and applied with external DTD and schema access switched off. */
final class StandardSchema {

    private StandardSchema() {
    }

    static Schema load() throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        URL xsd = StandardSchema.class.getResource("/xsd/trace-standard-1.xsd");
        return factory.newSchema(xsd);
    }

    /** Throws a SAXException naming line and column of the first violation. */
    static void validate(byte[] document) throws Exception {
        Validator validator = load().newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.validate(new StreamSource(new ByteArrayInputStream(document)));
    }
}
