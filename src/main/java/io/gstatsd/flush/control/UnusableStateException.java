package io.gstatsd.flush.control;

/** A state file that cannot be used; it is set aside under a name that says why. */
public final class UnusableStateException extends Exception {

    /** Why, with the suffix of the name the file is set aside under. */
    public enum Reason {
        DAMAGED("damaged"),
        OTHER_VERSION("other-version"),
        TOO_OLD("too-old");

        private final String suffix;

        Reason(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    private final Reason reason;

    public UnusableStateException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
