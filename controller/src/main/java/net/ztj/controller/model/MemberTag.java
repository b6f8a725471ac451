package net.ztj.controller.model;

/** One tag a member holds: the tag id and its value (stored as the pair {@code [id, value]}). */
public record MemberTag(long id, long value) {}
