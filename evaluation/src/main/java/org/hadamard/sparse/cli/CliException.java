package org.hadamard.sparse.cli;

/**
 * A problem with the user's input (files, options, data). The command line prints its message as
 * one line on stderr, without a stack trace, and exits with {@link SparseCli#EXIT_INPUT}.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line saying what is wrong and where
     */
    public CliException(String message) {
        super(message);
    }
}
