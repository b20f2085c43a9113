package dev.yantra.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code kubectl ...} command found in a Markdown file: its words as the shell would split them (quotes
 * removed), up to the first unquoted pipe, redirection, {@code ;} or comment, and where it was found.
 */
record KubectlCommand(String file, int line, String text, List<String> words) {

    /** Every kubectl command of a Markdown text: in code blocks (with {@code \} continuations) and in inline code. */
    static List<KubectlCommand> in(String file, String markdown) {
        List<KubectlCommand> found = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean fenced = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                int at = line.indexOf("kubectl ");
                if (at < 0 || !line.substring(0, at).isBlank()) continue;
                StringBuilder command = new StringBuilder(line.substring(at));
                int start = i;
                while (command.toString().endsWith("\\") && i + 1 < lines.length) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines[++i].strip());
                }
                found.add(new KubectlCommand(file, start + 1, command.toString(), words(command.toString())));
            } else {
                // inline code: `kubectl ...`
                int from = 0;
                while ((from = line.indexOf("`kubectl", from)) >= 0) {
                    int end = line.indexOf('`', from + 1);
                    if (end < 0) break;
                    String command = line.substring(from + 1, end);
                    found.add(new KubectlCommand(file, i + 1, command, words(command)));
                    from = end + 1;
                }
            }
        }
        return found;
    }

    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else if (c == '>' && word.length() > 0 && word.charAt(0) == '<') {
                word.append(c); // the end of a placeholder: <pod-name>
            } else if (c == '|' || c == '>' || c == ';' || (c == '#' && !inWord)) {
                break;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + text;
    }
}
