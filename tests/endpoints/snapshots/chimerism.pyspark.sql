SELECT
  `t1`.`patient_id`,
  `t1`.`chimerism_category`,
  CAST(`t1`.`day` AS BIGINT) AS `chimerism_day`,
  `t1`.`method` AS `chimerism_assay`,
  `t1`.`lineage` AS `chimerism_lineage`
FROM (
  SELECT
    `t0`.`patient_id`,
    `t0`.`day`,
    `t0`.`date`,
    `t0`.`lineage`,
    `t0`.`donor_pct`,
    `t0`.`method`,
    `t0`.`lod_pct`,
    CASE
      WHEN IF(
        `t0`.`donor_pct` IS NOT NULL
        AND NOT ISNAN(`t0`.`donor_pct`)
        AND (
          `t0`.`lod_pct` IS NULL
          OR ISNAN(`t0`.`lod_pct`)
          OR (
            `t0`.`donor_pct` >= `t0`.`lod_pct`
          )
        ),
        `t0`.`donor_pct`,
        CAST(NULL AS DOUBLE)
      ) IS NULL
      OR ISNAN(
        IF(
          `t0`.`donor_pct` IS NOT NULL
          AND NOT ISNAN(`t0`.`donor_pct`)
          AND (
            `t0`.`lod_pct` IS NULL
            OR ISNAN(`t0`.`lod_pct`)
            OR (
              `t0`.`donor_pct` >= `t0`.`lod_pct`
            )
          ),
          `t0`.`donor_pct`,
          CAST(NULL AS DOUBLE)
        )
      )
      THEN 'not_detected'
      WHEN IF(
        `t0`.`donor_pct` IS NOT NULL
        AND NOT ISNAN(`t0`.`donor_pct`)
        AND (
          `t0`.`lod_pct` IS NULL
          OR ISNAN(`t0`.`lod_pct`)
          OR (
            `t0`.`donor_pct` >= `t0`.`lod_pct`
          )
        ),
        `t0`.`donor_pct`,
        CAST(NULL AS DOUBLE)
      ) > 95.0
      THEN 'full'
      WHEN IF(
        `t0`.`donor_pct` IS NOT NULL
        AND NOT ISNAN(`t0`.`donor_pct`)
        AND (
          `t0`.`lod_pct` IS NULL
          OR ISNAN(`t0`.`lod_pct`)
          OR (
            `t0`.`donor_pct` >= `t0`.`lod_pct`
          )
        ),
        `t0`.`donor_pct`,
        CAST(NULL AS DOUBLE)
      ) >= 5.0
      THEN 'mixed'
      WHEN IF(
        `t0`.`donor_pct` IS NOT NULL
        AND NOT ISNAN(`t0`.`donor_pct`)
        AND (
          `t0`.`lod_pct` IS NULL
          OR ISNAN(`t0`.`lod_pct`)
          OR (
            `t0`.`donor_pct` >= `t0`.`lod_pct`
          )
        ),
        `t0`.`donor_pct`,
        CAST(NULL AS DOUBLE)
      ) < 1.0
      THEN 'microchimerism'
      ELSE 'mixed'
    END AS `chimerism_category`,
    ROW_NUMBER() OVER (
      PARTITION BY `t0`.`patient_id`
      ORDER BY `t0`.`day` DESC, COALESCE(
        IF(
          `t0`.`donor_pct` IS NOT NULL
          AND NOT ISNAN(`t0`.`donor_pct`)
          AND (
            `t0`.`lod_pct` IS NULL
            OR ISNAN(`t0`.`lod_pct`)
            OR (
              `t0`.`donor_pct` >= `t0`.`lod_pct`
            )
          ),
          `t0`.`donor_pct`,
          CAST(NULL AS DOUBLE)
        ),
        -1.0
      ) ASC NULLS LAST, `t0`.`lineage` ASC NULLS LAST, `t0`.`method` ASC NULLS LAST
    ) - 1 AS `rank`
  FROM `chimerism` AS `t0`
) AS `t1`
WHERE
  `t1`.`rank` = 0
