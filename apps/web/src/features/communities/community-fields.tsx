import { useTranslation } from 'react-i18next';
import {
  erasureContentPolicies,
  visibilities,
  type ErasureContentPolicy,
  type Visibility,
} from '@quorum/domain/communities/community';
import { locales, type Locale } from '@quorum/domain/shared/locale';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../ui/fields';

interface Defaults {
  name?: string;
  description?: string;
  visibility?: Visibility;
  defaultLocale?: Locale;
  erasureContentPolicy?: ErasureContentPolicy;
  timeZone?: string;
}

/** Every zone the browser knows (IANA names), UTC first; the server checks the name again. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])];
}

/**
 * Name, description, visibility, language and what happens to an erased member's
 * content: shared by "create" and "settings".
 */
export function CommunityFields({
  defaults,
  fieldError,
  onNameChange,
  slugField,
}: {
  defaults: Defaults;
  fieldError: (name: string) => string | undefined;
  onNameChange?: (name: string) => void;
  slugField?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const zone = defaults.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <TextField
        name="name"
        label={t('community.fields.name')}
        defaultValue={defaults.name}
        onChange={onNameChange && ((event) => onNameChange(event.target.value))}
        error={fieldError('name')}
      />
      {slugField}
      <TextAreaField
        name="description"
        label={t('community.fields.description')}
        hint={t('community.fields.descriptionHint')}
        optional
        defaultValue={defaults.description}
        error={fieldError('description')}
      />
      <RadioGroup
        legend={t('community.fields.visibility')}
        name="visibility"
        defaultValue={defaults.visibility ?? 'public'}
        options={visibilities.map((visibility) => ({
          value: visibility,
          label: t(`visibility.${visibility}.label`),
          description: t(`visibility.${visibility}.description`),
        }))}
        error={fieldError('visibility')}
      />
      <SelectField
        name="defaultLocale"
        label={t('community.fields.defaultLocale')}
        hint={t('community.fields.defaultLocaleHint')}
        defaultValue={defaults.defaultLocale}
        options={locales.map((locale) => ({ value: locale, label: t(`locales.${locale}`) }))}
        error={fieldError('defaultLocale')}
      />
      <SelectField
        name="timeZone"
        label={t('community.fields.timeZone')}
        hint={t('community.fields.timeZoneHint')}
        defaultValue={zone}
        options={timeZones(zone).map((name) => ({ value: name, label: name.replace(/_/g, ' ') }))}
        error={fieldError('timeZone')}
      />
      <RadioGroup
        legend={t('community.fields.erasureContentPolicy')}
        name="erasureContentPolicy"
        defaultValue={defaults.erasureContentPolicy ?? 'anonymize'}
        options={erasureContentPolicies.map((policy) => ({
          value: policy,
          label: t(`erasurePolicy.${policy}.label`),
          description: t(`erasurePolicy.${policy}.description`),
        }))}
        error={fieldError('erasureContentPolicy')}
      />
    </>
  );
}
