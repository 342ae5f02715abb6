WITH `t5` AS (
  SELECT
    `t0`.`patient_id`,
    CAST(`t0`.`day` AS BIGINT) AS `day`,
    `t0`.`lineage`,
    `t0`.`method`,
    `t0`.`donor_pct` IS NOT NULL
    AND NOT ISNAN(`t0`.`donor_pct`)
    AND (
      `t0`.`lod_pct` IS NULL
      OR ISNAN(`t0`.`lod_pct`)
      OR (
        `t0`.`donor_pct` >= `t0`.`lod_pct`
      )
    ) AS `detected`,
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
      0.0
    ) AS `level`,
    CASE
      WHEN `t0`.`lineage` IN ('myeloid', 'cd33', 'cd15')
      THEN 'myeloid'
      WHEN `t0`.`lineage` IN ('lymphoid', 'cd3', 'cd19', 'nk')
      THEN 'lymphoid'
      ELSE 'unsorted'
    END AS `lineage_group`
  FROM `chimerism` AS `t0`
  WHERE
    `t0`.`day` > 0
), `t18` AS (
  SELECT
    `t17`.`patient_id`,
    `t17`.`assessment_day` AS `day`,
    CASE
      WHEN `t17`.`max_level` < 5.0
      THEN 'donor_loss'
      WHEN `t17`.`min_level` > 95.0
      THEN CASE
        WHEN `t17`.`myeloid` AND `t17`.`lymphoid`
        THEN 'full'
        WHEN `t17`.`myeloid`
        THEN 'full_myeloid_only'
        WHEN `t17`.`lymphoid`
        THEN 'full_lymphoid_only'
        ELSE 'full_unsorted'
      END
      ELSE 'mixed'
    END AS `category`,
    `t17`.`lineage`,
    `t17`.`method`
  FROM (
    SELECT
      `t16`.`patient_id`,
      `t16`.`assessment_day`,
      MIN(`t16`.`level`) AS `min_level`,
      MAX(`t16`.`level`) AS `max_level`,
      BOOL_OR(`t16`.`lineage_group` = 'myeloid') AS `myeloid`,
      BOOL_OR(`t16`.`lineage_group` = 'lymphoid') AS `lymphoid`,
      MAX(IF(`t16`.`low_rank` = 0, `t16`.`lineage`, NULL)) AS `lineage`,
      MAX(IF(`t16`.`low_rank` = 0, `t16`.`method`, NULL)) AS `method`
    FROM (
      SELECT
        `t15`.`patient_id`,
        `t15`.`assessment_day`,
        `t15`.`day`,
        `t15`.`lineage`,
        `t15`.`method`,
        `t15`.`detected`,
        `t15`.`level`,
        `t15`.`lineage_group`,
        `t15`.`group_rank`,
        ROW_NUMBER() OVER (
          PARTITION BY `t15`.`patient_id`, `t15`.`assessment_day`
          ORDER BY `t15`.`level` ASC NULLS LAST, `t15`.`lineage` ASC NULLS LAST, `t15`.`method` ASC NULLS LAST
        ) - 1 AS `low_rank`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t11`.`patient_id`,
            `t11`.`assessment_day`,
            `t11`.`day`,
            `t11`.`lineage`,
            `t11`.`method`,
            `t11`.`detected`,
            `t11`.`level`,
            `t11`.`lineage_group`,
            ROW_NUMBER() OVER (
              PARTITION BY `t11`.`patient_id`, `t11`.`assessment_day`, `t11`.`lineage_group`
              ORDER BY `t11`.`day` DESC, `t11`.`level` ASC NULLS LAST, `t11`.`lineage` ASC NULLS LAST, `t11`.`method` ASC NULLS LAST
            ) - 1 AS `group_rank`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t4`.`patient_id`,
                `t4`.`assessment_day`,
                `t7`.`day`,
                `t7`.`lineage`,
                `t7`.`method`,
                `t7`.`detected`,
                `t7`.`level`,
                `t7`.`lineage_group`
              FROM (
                SELECT DISTINCT
                  `t0`.`patient_id`,
                  CAST(`t0`.`day` AS BIGINT) AS `assessment_day`
                FROM `chimerism` AS `t0`
                WHERE
                  `t0`.`day` > 0
              ) AS `t4`
              INNER JOIN `t5` AS `t7`
                ON `t4`.`patient_id` = `t7`.`patient_id`
            ) AS `t9`
            WHERE
              `t9`.`day` <= `t9`.`assessment_day`
              AND `t9`.`day` >= (
                `t9`.`assessment_day` - 7
              )
          ) AS `t11`
        ) AS `t12`
        WHERE
          `t12`.`group_rank` = 0
      ) AS `t15`
    ) AS `t16`
    GROUP BY
      1,
      2
  ) AS `t17`
)
SELECT
  `t33`.`patient_id`,
  `t33`.`allo_category`,
  `t33`.`allo_day`,
  `t33`.`allo_lineage`,
  `t33`.`allo_method`,
  `t33`.`mst_category`,
  `t33`.`mst_day`,
  `t33`.`mst_lineage`,
  `t33`.`mst_method`,
  `t33`.`microchimerism_first_day`,
  `t33`.`microchimerism_last_day`,
  `t33`.`graft_rejection_day`,
  `t33`.`graft_rejection_assay`
FROM (
  SELECT
    `t32`.`patient_id`,
    `t32`.`allo_category`,
    `t32`.`allo_day`,
    `t32`.`allo_lineage`,
    `t32`.`allo_method`,
    `t32`.`mst_category`,
    `t32`.`mst_day`,
    `t32`.`mst_lineage`,
    `t32`.`mst_method`,
    `t32`.`microchimerism_first_day`,
    `t32`.`microchimerism_last_day`,
    `t26`.`patient_id` AS `patient_id_right`,
    `t26`.`graft_rejection_day`,
    `t26`.`graft_rejection_assay`
  FROM (
    SELECT
      `t30`.`patient_id`,
      `t30`.`allo_category`,
      `t30`.`allo_day`,
      `t30`.`allo_lineage`,
      `t30`.`allo_method`,
      `t30`.`mst_category`,
      `t30`.`mst_day`,
      `t30`.`mst_lineage`,
      `t30`.`mst_method`,
      `t30`.`microchimerism_first_day`,
      `t30`.`microchimerism_last_day`
    FROM (
      SELECT
        `t29`.`patient_id`,
        `t29`.`allo_category`,
        `t29`.`allo_day`,
        `t29`.`allo_lineage`,
        `t29`.`allo_method`,
        `t14`.`patient_id` AS `patient_id_right`,
        `t14`.`mst_category`,
        `t14`.`mst_day`,
        `t14`.`mst_lineage`,
        `t14`.`mst_method`,
        `t14`.`microchimerism_first_day`,
        `t14`.`microchimerism_last_day`
      FROM (
        SELECT
          `t27`.`patient_id`,
          `t27`.`allo_category`,
          `t27`.`allo_day`,
          `t27`.`allo_lineage`,
          `t27`.`allo_method`
        FROM (
          SELECT
            `t3`.`patient_id`,
            `t24`.`patient_id` AS `patient_id_right`,
            `t24`.`allo_category`,
            `t24`.`allo_day`,
            `t24`.`allo_lineage`,
            `t24`.`allo_method`
          FROM (
            SELECT DISTINCT
              `t0`.`patient_id`
            FROM `chimerism` AS `t0`
            WHERE
              `t0`.`day` > 0
          ) AS `t3`
          LEFT OUTER JOIN (
            SELECT
              `t21`.`patient_id`,
              `t21`.`category` AS `allo_category`,
              `t21`.`day` AS `allo_day`,
              `t21`.`lineage` AS `allo_lineage`,
              `t21`.`method` AS `allo_method`
            FROM (
              SELECT
                `t19`.`patient_id`,
                `t19`.`day`,
                `t19`.`category`,
                `t19`.`lineage`,
                `t19`.`method`,
                ROW_NUMBER() OVER (PARTITION BY `t19`.`patient_id` ORDER BY `t19`.`day` DESC) - 1 AS `rank`
              FROM `t18` AS `t19`
            ) AS `t21`
            WHERE
              `t21`.`rank` = 0
          ) AS `t24`
            ON `t3`.`patient_id` = `t24`.`patient_id`
        ) AS `t27`
      ) AS `t29`
      LEFT OUTER JOIN (
        SELECT
          `t10`.`patient_id`,
          CASE
            WHEN COALESCE(`t10`.`last_detected`, FALSE) AND (
              `t10`.`last_level` >= 1.0
            )
            THEN 'macrochimerism'
            WHEN (
              `t10`.`first_micro` IS NOT NULL
            )
            AND (
              (
                `t10`.`last_micro` - `t10`.`first_micro`
              ) >= 28
            )
            THEN 'microchimerism_persistent'
            WHEN `t10`.`first_micro` IS NOT NULL
            THEN 'microchimerism'
            ELSE 'not_detected'
          END AS `mst_category`,
          `t10`.`last_day` AS `mst_day`,
          `t10`.`lineage` AS `mst_lineage`,
          `t10`.`method` AS `mst_method`,
          `t10`.`first_micro` AS `microchimerism_first_day`,
          `t10`.`last_micro` AS `microchimerism_last_day`
        FROM (
          SELECT
            `t8`.`patient_id`,
            MIN(IF(`t8`.`micro`, `t8`.`day`, NULL)) AS `first_micro`,
            MAX(IF(`t8`.`micro`, `t8`.`day`, NULL)) AS `last_micro`,
            MAX(`t8`.`day`) AS `last_day`,
            MAX(IF(`t8`.`last_rank` = 0, `t8`.`level`, NULL)) AS `last_level`,
            BOOL_OR(IF(`t8`.`last_rank` = 0, `t8`.`detected`, NULL)) AS `last_detected`,
            MAX(IF(`t8`.`last_rank` = 0, `t8`.`lineage`, NULL)) AS `lineage`,
            MAX(IF(`t8`.`last_rank` = 0, `t8`.`method`, NULL)) AS `method`
          FROM (
            SELECT
              `t6`.`patient_id`,
              `t6`.`day`,
              `t6`.`lineage`,
              `t6`.`method`,
              `t6`.`detected`,
              `t6`.`level`,
              `t6`.`lineage_group`,
              `t6`.`detected` AND (
                `t6`.`level` < 1.0
              ) AS `micro`,
              ROW_NUMBER() OVER (
                PARTITION BY `t6`.`patient_id`
                ORDER BY `t6`.`day` DESC, `t6`.`level` DESC, `t6`.`lineage` ASC NULLS LAST, `t6`.`method` ASC NULLS LAST
              ) - 1 AS `last_rank`
            FROM `t5` AS `t6`
          ) AS `t8`
          GROUP BY
            1
        ) AS `t10`
      ) AS `t14`
        ON `t29`.`patient_id` = `t14`.`patient_id`
    ) AS `t30`
  ) AS `t32`
  LEFT OUTER JOIN (
    SELECT
      `t23`.`patient_id`,
      `t23`.`day` AS `graft_rejection_day`,
      `t23`.`method` AS `graft_rejection_assay`
    FROM (
      SELECT
        `t20`.`patient_id`,
        `t20`.`day`,
        `t20`.`category`,
        `t20`.`lineage`,
        `t20`.`method`,
        ROW_NUMBER() OVER (
          PARTITION BY `t20`.`patient_id`
          ORDER BY `t20`.`day` ASC NULLS LAST, `t20`.`method` ASC NULLS LAST
        ) - 1 AS `rank`
      FROM (
        SELECT
          *
        FROM `t18` AS `t19`
        WHERE
          `t19`.`category` = 'donor_loss'
      ) AS `t20`
    ) AS `t23`
    WHERE
      `t23`.`rank` = 0
  ) AS `t26`
    ON `t32`.`patient_id` = `t26`.`patient_id`
) AS `t33`
