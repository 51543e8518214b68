-- Slack Web API calls spent per method in 10-second windows, shared by every replica, so that
-- live-message edits stay under Slack's per-workspace limits however many replicas and operations.
CREATE TABLE slack_rate_window (
    method        TEXT         NOT NULL,
    window_start  TIMESTAMPTZ  NOT NULL,
    used          INT          NOT NULL,
    PRIMARY KEY (method, window_start)
);
