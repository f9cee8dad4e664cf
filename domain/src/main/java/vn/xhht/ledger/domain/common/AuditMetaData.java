package vn.xhht.ledger.domain.common;

/**
 * Metadata keys carried by every command and copied onto every event it produces. The values come from the
 * authenticated principal and the HTTP request, never from a request body.
 */
public final class AuditMetaData {
    public static final String ACTOR = "actor";
    public static final String ROLES = "roles";
    public static final String REASON = "reason";
    public static final String CORRELATION_ID = "correlationId";
    public static final String REQUEST_ID = "requestId";
    /** For a change imported from a file: the file's SHA-256 (hex) and the spreadsheet row it came from. */
    public static final String IMPORT_FILE = "importFile";
    public static final String IMPORT_ROW = "importRow";

    private AuditMetaData() {
    }
}
