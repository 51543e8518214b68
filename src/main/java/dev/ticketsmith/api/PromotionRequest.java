package dev.ticketsmith.api;

/**
 * The body of {@code POST /api/promotions}.
 *
 * @param service     the catalogue's service name
 * @param environment where to promote (default: the catalogue's default environment)
 * @param image       a full image reference; or
 * @param version     a tag on the stable image's repository
 * @param requester   on whose behalf, as a note for people, e.g. {@code github:acme/shop#412}; the requester
 *                    itself is always the API client that authenticated
 */
public record PromotionRequest(String service, String environment, String image, String version, String requester) {
}
