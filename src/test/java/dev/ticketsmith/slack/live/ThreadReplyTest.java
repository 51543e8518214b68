package dev.ticketsmith.slack.live;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Grouping pending notes into thread replies. */
class ThreadReplyTest {

    private static ThreadReply.Note note(long id, String text) {
        return new ThreadReply.Note(id, text);
    }

    @Test
    void notesThatFitGoAsOneReplyOldestFirst() {
        List<ThreadReply> replies = ThreadReply.of(List.of(note(1, "a"), note(2, "bb"), note(3, "ccc")), 100);
        assertEquals(List.of(new ThreadReply(List.of(1L, 2L, 3L), "a\nbb\nccc")), replies);
    }

    @Test
    void aNewReplyStartsOnlyWhereTheNextLineWouldPassTheLimit() {
        List<ThreadReply> replies = ThreadReply.of(List.of(note(1, "aaaa"), note(2, "bbbb"), note(3, "cccc"), note(4, "dddd")), 9);
        assertEquals(List.of(new ThreadReply(List.of(1L, 2L), "aaaa\nbbbb"), new ThreadReply(List.of(3L, 4L), "cccc\ndddd")), replies);
    }

    @Test
    void nothingPendingMeansNoReply() {
        assertEquals(List.of(), ThreadReply.of(List.of(), 10));
    }
}
