package io.kappa.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Files a user names on the command line, opened with one-line errors that name the option and say what is wrong
 * (missing, a folder, not readable), never a stack trace.
 */
public final class UserFiles {
    private UserFiles() {}

    /** The file, checked: it exists, is a regular file (not a folder) and can be read. */
    public static Path readable(Path file, String option) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a folder, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": not readable (check its permissions)");
        }
        return file;
    }

    /** A reader of the UTF-8 text file. */
    public static BufferedReader reader(Path file, String option) {
        try {
            return Files.newBufferedReader(readable(file, option), StandardCharsets.UTF_8);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be opened (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A secret kept in a file: its first line, trimmed; never printed, not even in errors. */
    public static String readSecret(Path file, String option) {
        try (BufferedReader in = reader(file, option)) {
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException(option + " " + file + ": the file is empty");
            }
            return line.trim();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(option + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
