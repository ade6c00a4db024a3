/** Display helpers shared with the staff console: see @hpf/shared's display folder. */
export * from '@hpf/shared/src/display/format';
