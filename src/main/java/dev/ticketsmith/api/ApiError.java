package dev.ticketsmith.api;

/** The JSON body of every 4xx the HTTP API answers: a machine code and a sentence for people. */
public record ApiError(String error, String message) {
}
