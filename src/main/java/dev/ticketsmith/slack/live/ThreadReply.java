package dev.ticketsmith.slack.live;

import java.util.ArrayList;
import java.util.List;

/**
 * Thread notes grouped into replies: one reply carries the lines of several notes, oldest first,
 * joined by newlines, and a new reply starts only where the next line would take the text past
 * {@code limit} characters.
 *
 * @param noteIds the outbox rows this reply posts
 * @param text    their lines joined by newlines
 */
record ThreadReply(List<Long> noteIds, String text) {

    /** One pending note: its outbox id and its line. */
    record Note(long id, String text) {
    }

    /** Groups notes, in the order given, into as few replies as the limit allows. */
    static List<ThreadReply> of(List<Note> notes, int limit) {
        List<ThreadReply> replies = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Note note : notes) {
            if (!ids.isEmpty() && text.length() + 1 + note.text().length() > limit) {
                replies.add(new ThreadReply(List.copyOf(ids), text.toString()));
                ids.clear();
                text.setLength(0);
            }
            if (!ids.isEmpty()) {
                text.append('\n');
            }
            ids.add(note.id());
            text.append(note.text());
        }
        if (!ids.isEmpty()) {
            replies.add(new ThreadReply(List.copyOf(ids), text.toString()));
        }
        return replies;
    }
}
