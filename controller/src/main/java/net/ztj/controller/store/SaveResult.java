package net.ztj.controller.store;

/**
 * What a save did: the record stored before (null if there was none), the record stored now (with its revision),
 * and whether anything was written. Saving a record equal to the stored one apart from its revision writes
 * nothing and signals no change (spec 04 §9.2).
 */
public record SaveResult<T>(T previous, T current, boolean changed) {}
