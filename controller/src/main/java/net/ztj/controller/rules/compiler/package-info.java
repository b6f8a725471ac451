/**
 * The flow-rules language compiler: ZeroTier's rule text (actions, matches, {@code tag}, {@code cap}, {@code macro})
 * into the controller's {@code rules}, {@code capabilities} and {@code tags} JSON, with errors at line and column.
 * Its entry point is {@link net.ztj.controller.rules.compiler.RulesCompiler};
 * {@link net.ztj.controller.rules.compiler.RulesDecompiler} writes such JSON back as source.
 */
package net.ztj.controller.rules.compiler;
